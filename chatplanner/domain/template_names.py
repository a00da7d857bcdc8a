"""The names chat templates are stored under: each kind's "default", and the thank-you's
other two. Apart from `services/templates.py` so that a menu naming them loads no drafting code."""

DEFAULT_NAME = "default"
RECRUITER_NAME = "recruiter"  # the thank-you to a recruiter: business only
REPORT_BACK_NAME = "report_back"  # the report-back on advice acted on
