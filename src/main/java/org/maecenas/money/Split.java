package org.maecenas.money;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an amount across parts in proportion to their weights so the shares add up exactly:
 * each share is rounded down, and the units left over go to the parts with the largest remainders
 * (ties to the earlier part).
 */
public final class Split {

    private Split() {}

    public static long[] largestRemainder(long total, long[] weights) {
        int n = weights.length;
        long[] shares = new long[n];
        if (n == 0) {
            return shares;
        }
        long weightSum = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            weightSum = Math.addExact(weightSum, weight);
        }
        if (weightSum == 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
        long assigned = 0;
        long[] remainders = new long[n];
        for (int i = 0; i < n; i++) {
            // total * weight fits in a long for every amount this platform handles; exact overflow check
            long product = Math.multiplyExact(total, weights[i]);
            shares[i] = Math.floorDiv(product, weightSum);
            remainders[i] = Math.floorMod(product, weightSum);
            assigned += shares[i];
        }
        long left = total - assigned;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(
                Comparator.<Integer>comparingLong(i -> remainders[i]).reversed().thenComparingInt(i -> i));
        for (int k = 0; k < left; k++) {
            shares[order.get(k % n)]++;
        }
        return shares;
    }

    /** A percentage (in basis points, 1% = 100) of an amount, rounded half up. */
    public static long basisPoints(long amount, long basisPoints) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(amount, basisPoints), 5_000), 10_000);
    }
}
