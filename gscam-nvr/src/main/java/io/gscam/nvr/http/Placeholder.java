package io.gscam.nvr.http;

import io.gscam.nvr.CameraStatus;
import io.gscam.nvr.Nvr;

/**
 * {@code GET /}: a plain placeholder until the dashboard (its own issue) replaces it: the cameras
 * and links to the API. Camera names are configuration keys (letters, digits, - and _), safe in HTML.
 */
final class Placeholder {
    private Placeholder() {
    }

    static String page(Nvr nvr) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>gscam nvr</title></head><body>\n")
                .append("<h1>gscam nvr</h1>\n<p><strong>Placeholder page:</strong> the dashboard is not built yet. ")
                .append("The API below is what it will read.</p>\n<ul>\n");
        for (CameraStatus c : nvr.cameras()) {
            String n = c.settings().name();
            b.append("<li data-camera=\"").append(n).append("\">").append(n).append(" &mdash; ").append(c.state())
                    .append(": <a href=\"/list?camera=").append(n).append("\">recordings</a>, ")
                    .append("<a href=\"/api/gaps?camera=").append(n).append("\">gaps</a>, ")
                    .append("<a href=\"/api/events?camera=").append(n).append("\">events</a></li>\n");
        }
        b.append("</ul>\n<p><a href=\"/api/cameras\">/api/cameras</a> &middot; <a href=\"/api/events\">/api/events</a> &middot; ")
                .append("<a href=\"/metrics\">/metrics</a></p>\n</body></html>\n");
        return b.toString();
    }
}
