package io.warren.management.api;

import io.warren.management.Management;
import io.warren.management.http.Router;

/** Every route of the management API, in one table. */
public final class Apis {
    private Apis() {
    }

    public static Router routes(Management m) {
        Router r = new Router();
        new OverviewApi(m).register(r);
        new QueuesApi(m).register(r);
        new ExchangesApi(m).register(r);
        new BindingsApi(m).register(r);
        new ActivityApi(m).register(r);
        new VhostsApi(m).register(r);
        new UsersApi(m).register(r);
        new LimitsApi(m).register(r);
        new PermissionsApi(m).register(r);
        PoliciesApi.user(m).register(r);
        PoliciesApi.operator(m).register(r);
        new ParametersApi(m).register(r);
        new DefinitionsApi(m).register(r);
        new HealthChecksApi(m).register(r);
        new ClusterApi(m).register(r);
        new AuthApi(m).register(r);
        return r;
    }
}
