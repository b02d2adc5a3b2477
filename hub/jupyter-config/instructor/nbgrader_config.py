"""nbgrader settings for instructors' servers: where the course lives, so the formgrader finds it.

PEACETALKS_COURSE (default ~/peacetalks) is the instructor's copy of the repository's course folder.
"""

import os

c = get_config()  # noqa: F821
c.CourseDirectory.root = os.path.expanduser(os.environ.get("PEACETALKS_COURSE", "~/peacetalks"))
