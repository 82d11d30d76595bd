package io.stagesim.model;

/**
 * A FIFO of jobs linked through the jobs themselves: adding, polling and removing from the middle
 * (a waiter that times out) are O(1) and allocate nothing.
 */
final class JobQueue {

    private Job head;
    private Job tail;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(Job job) {
        job.next = null;
        job.prev = tail;
        if (tail == null) {
            head = job;
        } else {
            tail.next = job;
        }
        tail = job;
        size++;
    }

    Job pollFirst() {
        Job job = head;
        if (job != null) {
            Job next = job.next;
            head = next;
            if (next == null) {
                tail = null;
            } else {
                next.prev = null;
            }
            job.next = null;
            size--;
        }
        return job;
    }

    void remove(Job job) {
        if (job.prev == null) {
            head = job.next;
        } else {
            job.prev.next = job.next;
        }
        if (job.next == null) {
            tail = job.prev;
        } else {
            job.next.prev = job.prev;
        }
        job.prev = null;
        job.next = null;
        size--;
    }
}
