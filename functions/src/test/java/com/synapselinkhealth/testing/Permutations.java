package com.synapselinkhealth.testing;

import java.util.function.Consumer;

/** Orders of callbacks for property tests. */
public final class Permutations {
    private Permutations() {
    }

    /** {@code 0, 1, ..., n-1}: Dataverse's order. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Heap's algorithm: every order of {@code n} indexes, the identity first. */
    public static void forEach(int n, Consumer<int[]> each) {
        int[] a = identity(n);
        int[] c = new int[n];
        each.accept(a.clone());
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int j = i % 2 == 0 ? 0 : c[i];
                int tmp = a[j];
                a[j] = a[i];
                a[i] = tmp;
                each.accept(a.clone());
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
    }
}
