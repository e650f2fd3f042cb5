package io.warren.exchange;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of a topic exchange's trie: the bindings whose key ends here and the children by next
 * word, with {@code *} and {@code #} kept apart from literal words because every route tries them.
 * Changed by the registry's single writer; read by routes on any thread without locks.
 */
final class TopicNode {
    private static final AtomicLong IDS = new AtomicLong();

    /** Names this node in the per-route memo of {@link TopicRouter}. */
    final long id = IDS.incrementAndGet();
    private final WordTable literals = new WordTable();
    private volatile Binding[] bindings = BindingArrays.NONE;
    private volatile TopicNode star;
    private volatile TopicNode hash;

    Binding[] bindings() {
        return bindings;
    }

    TopicNode literal(String key, int start, int end) {
        return literals.get(key, start, end);
    }

    TopicNode star() {
        return star;
    }

    TopicNode hash() {
        return hash;
    }

    /** The child for a binding-key word, or null. Writer only. */
    TopicNode child(String word) {
        return switch (word) {
            case "*" -> star;
            case "#" -> hash;
            default -> literals.get(word);
        };
    }

    /** The child for a binding-key word, created if missing. Writer only. */
    TopicNode childOrCreate(String word) {
        TopicNode child = child(word);
        if (child == null) {
            child = new TopicNode();
            switch (word) {
                case "*" -> star = child;
                case "#" -> hash = child;
                default -> literals.put(word, child);
            }
        }
        return child;
    }

    /** Unlinks the child for a word. Writer only. */
    void removeChild(String word) {
        switch (word) {
            case "*" -> star = null;
            case "#" -> hash = null;
            default -> literals.remove(word);
        }
    }

    void addBinding(Binding binding) {
        bindings = BindingArrays.with(bindings, binding);
    }

    void removeBinding(Binding binding) {
        bindings = BindingArrays.without(bindings, binding);
    }

    /** No bindings and no children: the node can be unlinked. Writer only. */
    boolean isEmpty() {
        return bindings.length == 0 && star == null && hash == null && literals.isEmpty();
    }
}
