// Loader for plotly's FigureWidget: fetch plotly's widget code once per browser page, not once per widget.
//
// plotly ships its widget as one ~5 MB module that every FigureWidget would carry in its own state. Here the
// state carries this small file instead; the first figure on a page asks its kernel for plotly's module (one
// binary message), and every later figure on the page reuses it.
const SHARED = Symbol.for("peacetalks.plotly-figure-module");

function plotlyModule(model) {
  if (!globalThis[SHARED]) {
    globalThis[SHARED] = new Promise((resolve, reject) => {
      const receive = (message, buffers) => {
        if (!message || message.type !== "peacetalks:figure-module") return;
        model.off("msg:custom", receive);
        const url = URL.createObjectURL(new Blob([buffers[0]], { type: "text/javascript" }));
        import(/* webpackIgnore: true */ url).then(resolve, reject).finally(() => URL.revokeObjectURL(url));
      };
      model.on("msg:custom", receive);
      model.send({ type: "peacetalks:figure-module-request" });
    });
    globalThis[SHARED].catch(() => delete globalThis[SHARED]);  // let a later figure try again
  }
  return globalThis[SHARED];
}

export default () => {
  let figure;  // plotly's own widget for this model, once its module is here
  let ready;
  return {
    initialize({ model }) {
      // Not awaited: the module may take longer to arrive than a widget is given to initialize.
      ready = plotlyModule(model).then(async (module) => {
        figure = module.default();
        await figure.initialize({ model });
      });
    },
    async render({ model, el }) {
      const late = new Promise((resolve) => setTimeout(resolve, 15000, "late"));
      if ((await Promise.race([ready, late])) === "late" && !figure) {
        // e.g. a notebook saved with its widget state and opened without a kernel to answer
        el.textContent = "This chart needs its kernel: run the cell again to see it.";
        await ready;
        el.textContent = "";
      }
      return figure.render({ model, el });
    },
  };
};
