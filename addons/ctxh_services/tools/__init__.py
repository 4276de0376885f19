"""Plain helpers of ctxh_services (no models)."""
