package io.orbitr.proxy.caddy;

import java.util.List;

/**
 * One Caddyfile line, possibly opening a block: {@code reverse_proxy web:8080}, {@code handle @api { ... }}. The
 * Caddyfile and caddy-docker-proxy's labels are both written from a tree of these.
 *
 * @param name  the directive, matcher ({@code @api}) or, inside {@code basicauth}, the user name
 * @param args  its arguments as one string, already valid tokens; empty for none
 * @param block the lines of its block; empty for none
 */
record CaddyDirective(String name, String args, List<CaddyDirective> block) {

    /** Freezes the block. */
    CaddyDirective {
        block = List.copyOf(block);
    }

    /** @return a line without block */
    static CaddyDirective line(String name, String args) {
        return new CaddyDirective(name, args, List.of());
    }
}
