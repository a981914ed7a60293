package dev.junitloadtest.internal.recording;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The secret values every user of a run has sent, found in any text in one pass: each value is filed under its last
 * {@value #WINDOW} characters, so a text is scanned once, looking up the {@value #WINDOW} characters that end at each
 * position, and only the values filed there are compared. The last characters are the random end of a token, where
 * prefixes are shared ({@code eyJhbGci} of every JWT, {@code Bearer }). Bounded: at most {@code maxValues} values and
 * {@code maxChars} characters in all; a value past either bound is refused (the caller keeps it elsewhere). Adding
 * takes a lock, looking up and scanning do not. Thread-safe. Internal.
 */
final class KnownSecrets {

    /** Values are found by their last this many characters; shorter values are not kept. */
    static final int WINDOW = 4;

    private static final int BUCKET_BITS = 14;

    private final int maxValues;
    private final long maxChars;
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    /** Values by the hash of their last characters; each array is replaced, never changed. Created on first use. */
    private volatile AtomicReferenceArray<String[]> buckets;
    /** Changes with every value added: texts masked before a change may hold a value added since. */
    private volatile int version;
    private long chars;
    private volatile boolean refused;

    KnownSecrets(int maxValues, long maxChars) {
        this.maxValues = maxValues;
        this.maxChars = maxChars;
    }

    /** Whether {@code value} is known. Does not allocate. */
    boolean contains(String value) {
        return values.contains(value);
    }

    /** Adds {@code value} (at least {@value #WINDOW} characters); false when a bound refused it. */
    synchronized boolean add(String value) {
        if (values.contains(value)) {
            return true;
        }
        if (values.size() >= maxValues || chars + value.length() > maxChars) {
            refused = true;
            return false;
        }
        AtomicReferenceArray<String[]> table = buckets;
        if (table == null) {
            table = new AtomicReferenceArray<>(1 << BUCKET_BITS);
            buckets = table;
        }
        int bucket = bucket(window(value, value.length()));
        String[] filed = table.get(bucket);
        String[] grown = filed == null ? new String[1] : Arrays.copyOf(filed, filed.length + 1);
        grown[grown.length - 1] = value;
        table.set(bucket, grown);
        values.add(value);
        chars += value.length();
        version++;
        return true;
    }

    /** Changes whenever a value is added. */
    int version() {
        return version;
    }

    /** Whether a value was refused because the store was full. */
    boolean refused() {
        return refused;
    }

    /** How many values are known. */
    int size() {
        return values.size();
    }

    /**
     * {@code text} with every known value in it replaced by {@code mask} (overlapping values by one mask); the same
     * instance when none occurs, without allocating.
     */
    String replaceIn(String text, String mask) {
        AtomicReferenceArray<String[]> table = buckets;
        if (table == null || text.length() < WINDOW) {
            return text;
        }
        // Ranges found so far, as start/end pairs ordered by start, none overlapping.
        int[] ranges = null;
        int count = 0;
        long window = 0;
        for (int end = 1; end <= text.length(); end++) {
            window = (window << Character.SIZE) | text.charAt(end - 1);
            if (end < WINDOW) {
                continue;
            }
            String[] candidates = table.get(bucket(window));
            if (candidates == null) {
                continue;
            }
            int longest = 0;
            for (String candidate : candidates) {
                int length = candidate.length();
                if (length > longest && length <= end && text.regionMatches(end - length, candidate, 0, length)) {
                    longest = length;
                }
            }
            if (longest == 0) {
                continue;
            }
            int start = end - longest;
            if (ranges == null) {
                ranges = new int[8];
            }
            // Ranges end before this one: those it covers go, one it overlaps is extended.
            while (count > 0 && ranges[2 * count - 2] >= start) {
                count--;
            }
            if (count > 0 && ranges[2 * count - 1] >= start) {
                ranges[2 * count - 1] = end;
                continue;
            }
            if (2 * count + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[2 * count] = start;
            ranges[2 * count + 1] = end;
            count++;
        }
        if (count == 0) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int copied = 0;
        for (int i = 0; i < count; i++) {
            masked.append(text, copied, ranges[2 * i]).append(mask);
            copied = ranges[2 * i + 1];
        }
        return masked.append(text, copied, text.length()).toString();
    }

    /** The {@value #WINDOW} characters of {@code text} ending before {@code end}, one in each 16 bits. */
    private static long window(String text, int end) {
        long window = 0;
        for (int i = end - WINDOW; i < end; i++) {
            window = (window << Character.SIZE) | text.charAt(i);
        }
        return window;
    }

    private static int bucket(long window) {
        return (int) ((window * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - BUCKET_BITS));
    }
}
