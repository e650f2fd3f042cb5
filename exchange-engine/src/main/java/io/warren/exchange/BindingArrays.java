package io.warren.exchange;

import java.util.Arrays;

/** Copy-on-write arrays of bindings: routers replace an array instead of changing it. */
final class BindingArrays {
    static final Binding[] NONE = new Binding[0];

    private BindingArrays() {
    }

    static Binding[] with(Binding[] bindings, Binding binding) {
        Binding[] grown = Arrays.copyOf(bindings, bindings.length + 1);
        grown[bindings.length] = binding;
        return grown;
    }

    /** The array without {@code binding}, or the same array when it is absent. */
    static Binding[] without(Binding[] bindings, Binding binding) {
        for (int i = 0; i < bindings.length; i++) {
            if (bindings[i].equals(binding)) {
                if (bindings.length == 1) {
                    return NONE;
                }
                Binding[] shrunk = new Binding[bindings.length - 1];
                System.arraycopy(bindings, 0, shrunk, 0, i);
                System.arraycopy(bindings, i + 1, shrunk, i, bindings.length - i - 1);
                return shrunk;
            }
        }
        return bindings;
    }
}
