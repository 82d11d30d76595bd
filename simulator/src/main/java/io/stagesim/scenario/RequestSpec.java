package io.stagesim.scenario;

/**
 * A class of page view: its share of the traffic, the view run by the application for its HTML,
 * and the static assets the browser then fetches ({@code assets} files of {@code assetSize} bytes,
 * at most the browser's connections per host at once). {@code app}, when set, names the app
 * server that runs the view where a proxy has several upstreams (several apps on one host).
 */
public record RequestSpec(String name, double share, ViewSpec view, int assets, long assetSize, String app) {
}
