"""peacetalks: a Jupyter teaching unit on Marc Ash's op-ed "Negotiating With Putin, Keeping it Real".

Layers, each depending only on those before it:
``data`` (load and validate tables) -> ``analysis`` (pure functions on DataFrames)
-> ``figures`` (plotly figure builders) -> ``widgets`` (ipywidgets around figures);
``course`` (the nbgrader pipeline) -> ``cli``.
"""

__version__ = "0.1.0"
