"""JupyterHub settings for one class on one server (The Littlest JupyterHub, or any JupyterHub
with systemdspawner).

Copy this file to /opt/tljh/config/jupyterhub_config.d/summitlab.py on a TLJH server, then run
`sudo tljh-config reload`. The sizes below come from the measured class in bench/hub.md
(tools/hub_loadtest.py): a student with lesson 01 and its exercise notebook open at once peaks
at the figure given there; the guarantee is that peak rounded up to the next 128 MB, the limit
twice the guarantee. tests/test_deploy.py fails when these values and bench/hub.md disagree.

Install the course's environment for every user once (see deploy/README.md):
    sudo -E /opt/tljh/user/bin/pip install -r requirements.txt -r deploy/requirements-singleuser.txt
"""

c = get_config()  # noqa: F821  (JupyterHub provides get_config in its config files)

# Memory per student: guarantee = measured peak rounded up to 128 MB; limit = 2 x guarantee.
# systemdspawner enforces the limit (MemoryMax); TLJH ignores the guarantee, which is the
# figure to size the server by (students x guarantee + 1-2 GB for the system).
c.Spawner.mem_guarantee = "512M"
c.Spawner.mem_limit = "1024M"

# CPU per student: a notebook kernel computes on one core at a time, so one core is the limit.
# The guarantee is the share each student had in the measured class (10 students on 2 cores,
# all running lesson 01 at once), which still met the class's time target.
c.Spawner.cpu_guarantee = 0.2
c.Spawner.cpu_limit = 1.0

# Students land in JupyterLab; a class link (nbgitpuller) decides which notebook opens.
c.Spawner.default_url = "/lab"

# Idle servers: TLJH already runs jupyterhub-idle-culler; set its timeout with
#   sudo tljh-config set services.cull.timeout 3600 && sudo tljh-config reload
