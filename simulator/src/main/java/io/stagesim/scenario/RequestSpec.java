package io.stagesim.scenario;

/**
 * A class of page view: its share of the traffic, the view run by the application for its HTML,
 * and the static assets the browser then fetches ({@code assets} files of {@code assetSize} bytes,
 * at most the browser's connections per host at once). {@code app}, when set, names the app
 * server that runs the view where a proxy has several upstreams (several apps on one host).
 * {@code directUpload}, when set, is a file the browser then PUTs to object storage itself with the
 * presigned URL the view returned.
 */
public record RequestSpec(String name, double share, ViewSpec view, int assets, long assetSize, String app,
        DirectUpload directUpload) {

    /** A browser's upload straight to object storage {@code storage}: {@code size} bytes, one PUT. */
    public record DirectUpload(String storage, long size) {
        /** Checks the bounds. */
        public DirectUpload {
            Require.present("storage", storage);
            Require.atLeast("size", size, 0);
        }
    }

    /** A class without a direct upload. */
    public RequestSpec(String name, double share, ViewSpec view, int assets, long assetSize, String app) {
        this(name, share, view, assets, assetSize, app, null);
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
