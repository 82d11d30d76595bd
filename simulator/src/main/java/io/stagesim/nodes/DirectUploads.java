package io.stagesim.nodes;

/**
 * Uploads the browser makes straight to object storage with a presigned URL (the view only signs
 * it): once a page view's HTML is back, one PUT of its class's size over the class's link to the
 * storage, sent like an asset (among the browser's connections) and never retried (its outcome is
 * unknown). The bytes go into the storage, so no data transfer out is counted for them.
 */
public final class DirectUploads {

    private final Link[] links;
    private final long[] sizes;
    private final ClientConnections[] origins;

    /**
     * Per request class the link to its storage (null: no upload), the bytes uploaded and the browsers'
     * connections to that storage.
     */
    public DirectUploads(Link[] links, long[] sizes, ClientConnections[] origins) {
        this.links = links.clone();
        this.sizes = sizes.clone();
        this.origins = origins.clone();
    }

    /** The browsers' connections to the storage class {@code cls} uploads to. */
    ClientConnections origin(int cls) {
        return origins[cls];
    }

    /** Uploads a page view of class {@code cls} makes: 0 or 1. */
    int count(int cls) {
        return links[cls] == null ? 0 : 1;
    }

    /** The hop to the storage for class {@code cls}. */
    Link link(int cls) {
        return links[cls];
    }

    /** The bytes a page view of class {@code cls} uploads. */
    long size(int cls) {
        return sizes[cls];
    }
}
