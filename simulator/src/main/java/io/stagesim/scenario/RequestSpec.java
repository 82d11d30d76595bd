package io.stagesim.scenario;

/**
 * A class of page view: its share of the traffic, the view run by the application for its HTML,
 * and the static assets the browser then fetches ({@code assets} files of {@code assetSize} bytes,
 * at most the browser's connections per host at once). {@code app}, when set, names the app
 * server that runs the view where a proxy has several upstreams (several apps on one host).
 * {@code responseSize} is the bytes of the view's response (its HTML or JSON, before any gzip) and
 * {@code requestSize} those of the request's body (a form or an upload; 0 for a GET).
 * {@code directUpload}, when set, is a file the browser then PUTs to object storage itself with the
 * presigned URL the view returned.
 */
public record RequestSpec(String name, double share, ViewSpec view, int assets, long assetSize, String app,
        long responseSize, long requestSize, DirectUpload directUpload) {

    /** A browser's upload straight to object storage {@code storage}: {@code size} bytes, one PUT. */
    public record DirectUpload(String storage, long size) {
        /** Checks the bounds. */
        public DirectUpload {
            Require.present("storage", storage);
            Require.atLeast("size", size, 0);
        }
    }

    /** A class with no bytes of response (the default), no request body and no direct upload. */
    public RequestSpec(String name, double share, ViewSpec view, int assets, long assetSize, String app) {
        this(name, share, view, assets, assetSize, app, DEFAULT_RESPONSE_SIZE, 0, null);
    }

    /** A class without a direct upload. */
    public RequestSpec(String name, double share, ViewSpec view, int assets, long assetSize, String app,
            long responseSize, long requestSize) {
        this(name, share, view, assets, assetSize, app, responseSize, requestSize, null);
    }

    /**
     * The size of a view's response when the class does not give one: none, so that a file written
     * before bytes were modelled keeps its figures; the shipped stages give a 50 KB page (A.5).
     */
    public static final long DEFAULT_RESPONSE_SIZE = 0;

    /** Checks the bounds. */
    public RequestSpec {
        Require.atLeast("response_size", responseSize, 0);
        Require.atLeast("request_size", requestSize, 0);
    }

    /** True unless the view writes (a write call, or an upload): such a request is not safe to resend. */
    public boolean idempotent() {
        return view == null || view.calls().stream().noneMatch(c -> c.write() || c.upload() > 0);
    }

    /** {@link #idempotent()} of each class, in order. */
    public static boolean[] idempotent(java.util.Collection<RequestSpec> classes) {
        boolean[] out = new boolean[classes.size()];
        int i = 0;
        for (RequestSpec r : classes) {
            out[i++] = r.idempotent();
        }
        return out;
    }
}
