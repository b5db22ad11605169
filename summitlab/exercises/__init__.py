"""One module per exercise notebook; each registers its exercises with summitlab.checks.

Importing this package registers nothing; :func:`summitlab.checks.catalogue` imports the
modules when a check or the progress table first needs them.
"""
