package io.warren.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Topic matching over a trie of binding-key words, as RabbitMQ's {@code rabbit_db_topic_exchange}
 * does: a route walks the trie along the routing key, so its cost follows the key and the shape
 * of the patterns, not the number of bindings.
 *
 * <p>Keys split on every {@code .}: {@code "a..b"} is the three words {@code a}, {@code ""},
 * {@code b}; {@code "a."} is {@code a}, {@code ""}; the empty key is no words at all, so it matches
 * {@code "#"} and {@code ""} but not {@code "*"}. {@code *} matches exactly one word, empty or not;
 * {@code #} matches zero or more, anywhere in the pattern. A routing key's words are matched
 * literally, so a routing key {@code "*"} is one ordinary word. All checked on RabbitMQ 3.10.8.
 */
final class TopicRouter implements Router {
    private final TopicNode root = new TopicNode();

    @Override
    public void add(Binding binding) {
        TopicNode node = root;
        for (String word : patternWords(binding.routingKey())) {
            node = node.childOrCreate(word);
        }
        node.addBinding(binding);
    }

    @Override
    public void remove(Binding binding) {
        List<String> words = patternWords(binding.routingKey());
        TopicNode[] path = new TopicNode[words.size() + 1];
        path[0] = root;
        for (int i = 0; i < words.size(); i++) {
            path[i + 1] = path[i].child(words.get(i));
            if (path[i + 1] == null) {
                return;
            }
        }
        path[words.size()].removeBinding(binding);
        for (int i = words.size(); i > 0 && path[i].isEmpty(); i--) {
            path[i - 1].removeChild(words.get(i - 1));
        }
    }

    @Override
    public void route(RouteWalk walk) {
        for (int i = 0; i < walk.keyCount(); i++) {
            String key = walk.key(i);
            walk.clearTopicMemo();
            match(root, key, key.isEmpty() ? 1 : 0, walk);
        }
    }

    /**
     * Matches the words of {@code key} from {@code start} on; a start past the end of the key
     * means no words are left (the key is at most 255 bytes, so recursion stays shallow).
     */
    private static void match(TopicNode node, String key, int start, RouteWalk walk) {
        int length = key.length();
        if (start > length) {
            walk.matched(node.bindings());
            TopicNode hash = node.hash();
            if (hash != null) {
                match(hash, key, start, walk);
            }
            return;
        }
        int end = key.indexOf('.', start);
        if (end < 0) {
            end = length;
        }
        TopicNode literal = node.literal(key, start, end);
        if (literal != null) {
            match(literal, key, end + 1, walk);
        }
        TopicNode star = node.star();
        if (star != null) {
            match(star, key, end + 1, walk);
        }
        TopicNode hash = node.hash();
        if (hash != null) {
            matchAfterHash(hash, key, start, walk);
        }
    }

    /**
     * {@code #} swallows zero or more words: go on from every later word. Patterns with several
     * {@code #} reach the same node at the same word by many paths; the memo walks each pair once,
     * which keeps keys like {@code "#.a.#.a.#.a.#.b"} from going exponential.
     */
    private static void matchAfterHash(TopicNode hash, String key, int start, RouteWalk walk) {
        int length = key.length();
        int position = start;
        while (true) {
            if (walk.firstTopicVisit(hash.id, position)) {
                match(hash, key, position, walk);
            }
            if (position > length) {
                return;
            }
            int dot = key.indexOf('.', position);
            position = dot < 0 ? length + 1 : dot + 1;
        }
    }

    /**
     * The words of a binding key, with runs of {@code #} collapsed into one: {@code "#.#"}
     * matches exactly what {@code "#"} matches, and the trie stays shallower.
     */
    static List<String> patternWords(String bindingKey) {
        List<String> words = new ArrayList<>();
        if (bindingKey.isEmpty()) {
            return words;
        }
        int start = 0;
        while (true) {
            int dot = bindingKey.indexOf('.', start);
            String word = dot < 0 ? bindingKey.substring(start) : bindingKey.substring(start, dot);
            if (!(word.equals("#") && !words.isEmpty() && words.get(words.size() - 1).equals("#"))) {
                words.add(word);
            }
            if (dot < 0) {
                return words;
            }
            start = dot + 1;
        }
    }
}
