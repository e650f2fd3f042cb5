package io.warren.exchange;

/**
 * Fanout matching: every binding matches, once, whatever the routing keys. A bind or unbind
 * copies the array, so it costs in proportion to the exchange's bindings; routes cost nothing
 * but the walk over them.
 */
final class FanoutRouter implements Router {
    private volatile Binding[] bindings = BindingArrays.NONE;

    @Override
    public void add(Binding binding) {
        bindings = BindingArrays.with(bindings, binding);
    }

    @Override
    public void remove(Binding binding) {
        bindings = BindingArrays.without(bindings, binding);
    }

    @Override
    public void route(RouteWalk walk) {
        walk.matched(bindings);
    }
}
