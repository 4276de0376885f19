# dashboards
