package io.warren.exchange;

import java.util.Arrays;

/**
 * Headers matching ({@link HeadersPattern}): each binding's pattern is tried against the message
 * headers, so a route costs one test per binding, as it does in RabbitMQ.
 */
final class HeadersRouter implements Router {
    private record Entry(Binding binding, HeadersPattern pattern) {
    }

    private static final Entry[] NONE = new Entry[0];

    private volatile Entry[] entries = NONE;

    @Override
    public void add(Binding binding) {
        Entry[] current = entries;
        Entry[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = new Entry(binding, new HeadersPattern(binding.arguments()));
        entries = grown;
    }

    @Override
    public void remove(Binding binding) {
        Entry[] current = entries;
        for (int i = 0; i < current.length; i++) {
            if (current[i].binding().equals(binding)) {
                Entry[] shrunk = new Entry[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                entries = shrunk;
                return;
            }
        }
    }

    @Override
    public void route(RouteWalk walk) {
        for (Entry entry : entries) {
            if (entry.pattern().matches(walk.headers())) {
                walk.matched(entry.binding());
            }
        }
    }
}
