"""nbgrader settings every user of the hub shares: the course and the exchange."""

import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "peacetalks"
c.Exchange.root = os.environ.get("PEACETALKS_EXCHANGE", "/srv/nbgrader/exchange")
