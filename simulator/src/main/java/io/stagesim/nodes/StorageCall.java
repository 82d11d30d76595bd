package io.stagesim.nodes;

/** A call to object storage: {@code download} or {@code upload} bytes (an upload is a PUT). */
public final class StorageCall extends CallSite {

    final long download;
    final long upload;

    /** A storage call moving the given bytes. */
    public StorageCall(String name, Link link, Times times, long download, long upload) {
        super(name, link, times);
        this.download = download;
        this.upload = upload;
    }
}
