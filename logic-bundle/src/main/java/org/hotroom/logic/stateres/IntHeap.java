package org.hotroom.logic.stateres;

import java.util.Arrays;

/** A binary min-heap of ints under a comparator, without boxing. */
final class IntHeap {

    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private final IntComparator cmp;
    private int[] heap = new int[64];
    private int size;

    IntHeap(IntComparator cmp) {
        this.cmp = cmp;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int x) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (cmp.compare(x, heap[parent]) >= 0) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    int pop() {
        int top = heap[0];
        int last = heap[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && cmp.compare(heap[right], heap[child]) < 0) {
                child = right;
            }
            if (cmp.compare(last, heap[child]) <= 0) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return top;
    }
}
