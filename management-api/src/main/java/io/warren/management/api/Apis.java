package io.warren.management.api;

import io.warren.management.Management;
import io.warren.management.http.Router;

/** Every route of the management API, in one table. */
public final class Apis {
    private Apis() {
    }

    public static Router routes(Management m) {
        Router r = new Router();
        Stats stats = new Stats();
        new OverviewApi(m).register(r);
        new QueuesApi(m, stats).register(r);
        new ExchangesApi(m).register(r);
        new BindingsApi(m).register(r);
        return r;
    }
}
