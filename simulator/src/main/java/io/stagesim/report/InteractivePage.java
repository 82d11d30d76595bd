package io.stagesim.report;

import org.jfree.chart.JFreeChart;

/**
 * What makes a report's pictures interactive: each chart's {@code img} followed by its data
 * ({@link InteractiveChart}) as JSON, and once per page Apache ECharts and {@code charts.js}
 * inlined, so the page still loads from a file with the network off. The picture is the content:
 * with scripts off it is what the reader sees; with them, {@code charts.js} draws the chart in its
 * place, the same size.
 */
final class InteractivePage {

    /** Where the chart library is, in the webjar on the class path (the what-if page serves the same file). */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private InteractivePage() {
    }

    /**
     * The picture of {@code chart} (its PNG, {@code png}) as an {@code img} element {@code width} ×
     * {@code height}, followed by the chart's model as JSON (a script element the browser does not run)
     * when it has one: the picture is the content, the page's script only enhances it.
     */
    static String picture(String name, String alt, JFreeChart chart, byte[] png, int width, int height) {
        InteractiveChart.Model m = InteractiveChart.of(chart);
        StringBuilder sb = new StringBuilder("<img alt=\"").append(HtmlReport.escape(alt))
                .append("\" src=\"data:image/png;base64,").append(java.util.Base64.getEncoder().encodeToString(png))
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append('"');
        if (m == null) {
            return sb.append(">\n").toString();
        }
        return sb.append(" data-chart=\"chart-data-").append(HtmlReport.escape(name)).append("\">\n")
                .append("<script type=\"application/json\" id=\"chart-data-").append(HtmlReport.escape(name))
                .append("\">").append(InteractiveChart.json(m)).append("</script>\n").toString();
    }

    /**
     * What a page with interactive charts ends with: the chart library and the script that draws them,
     * inlined (about 1 MB), or nothing when {@code html} holds no chart's data.
     */
    static String script(CharSequence html) {
        if (html.toString().indexOf(" data-chart=\"chart-data-") < 0) {
            return "";
        }
        return "<script>\n" + Library.ECHARTS_JS + "\n</script>\n<script>\n" + Library.CHARTS_JS + "</script>\n";
    }

    /** The two scripts, read once from the class path. */
    private static final class Library {
        static final String ECHARTS_JS = read(ECHARTS);
        static final String CHARTS_JS = read("/io/stagesim/report/charts.js");

        private static String read(String resource) {
            try (java.io.InputStream in = InteractivePage.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the chart script " + resource + " is not on the class path");
                }
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (text.contains("</script") || text.contains("<!--")) { // would end or hide the inline script
                    throw new IllegalStateException(resource + " cannot be inlined in a script element");
                }
                return text;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
