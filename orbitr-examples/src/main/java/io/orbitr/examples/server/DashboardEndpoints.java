package io.orbitr.examples.server;

import io.orbitr.core.Orbitr;
import io.orbitr.engine.LabelFilter;
import io.orbitr.engine.PruneResult;
import io.orbitr.proxy.ProxyFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the dashboard's pages need beyond the seeds' endpoints: the proxy preview and the image prune. */
final class DashboardEndpoints {
    private final Orbitr orbitr;

    DashboardEndpoints(Orbitr orbitr) {
        this.orbitr = orbitr;
    }

    void register(Handlers handlers) {
        handlers.on("previewProxyConfig", call -> {
            Optional<ProxyFile> file = orbitr.proxies().preview();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("provider", orbitr.proxies().settings().provider());
            file.ifPresent(f -> {
                out.put("fileName", f.fileName());
                out.put("content", f.content());
            });
            call.ok(out);
        }).on("pruneImages", call -> {
            boolean unused = call.flag("unused", false);
            io.orbitr.engine.ContainerEngine engine = EnginesEndpoints.engine(orbitr, call);
            PruneResult result = unused ? engine.images().pruneUnused(LabelFilter.any())
                    : engine.images().pruneDangling(LabelFilter.any());
            call.ok(Map.of("removed", result.removed(), "reclaimedBytes", result.reclaimedBytes()));
        });
    }
}
