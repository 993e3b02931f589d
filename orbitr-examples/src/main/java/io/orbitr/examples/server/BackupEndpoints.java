package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupListener;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupProgress;
import io.orbitr.backup.BackupSettings;
import io.orbitr.backup.Backups;
import io.orbitr.backup.DamagedBackupException;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.backup.RestoreResult;
import io.orbitr.core.Orbitr;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backups: list, create (a job), show, verify, download, restore into another data directory (a job), and the
 * backup settings, on {@code orbitr.backups()}. An archive holds the store, so reading one is admin-only; the list is
 * not.
 */
final class BackupEndpoints {
    /** An archive's file name: no directory, no '..'. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,200}\\.zip");
    private static final int SCAN_PAGE = 500;

    private final Orbitr orbitr;
    private final Jobs jobs;

    BackupEndpoints(Orbitr orbitr, Jobs jobs) {
        this.orbitr = orbitr;
        this.jobs = jobs;
    }

    private Backups backups() {
        return orbitr.backups();
    }

    void register(Handlers handlers) {
        handlers.on("listBackups", call -> {
            Page<BackupInfo> page = backups().list(PageRequest.atOffset(call.offset(), call.limit()));
            call.ok(new PageBody(page.items().stream().map(BackupView::of).toList(), page.total(), page.next()));
        })
                .on("createBackup", this::create)
                .on("getBackup", call -> call.ok(BackupView.of(find(call.path("name")))))
                .on("verifyBackup", call -> {
                    BackupInfo info = find(call.path("name"));
                    try {
                        BackupManifest manifest = backups().verify(info.file());
                        call.ok(new VerifyView(call.path("name"), true, "every part is there and matches its SHA-256",
                                Optional.of(manifest.orbitrVersion()), Optional.of(manifest.createdAt()),
                                manifest.parts().size(), manifest.volumes().size()));
                    } catch (DamagedBackupException e) {
                        call.ok(new VerifyView(call.path("name"), false, e.getMessage(), Optional.empty(),
                                Optional.empty(), 0, 0));
                    }
                })
                .on("downloadBackup", this::download)
                .on("restoreBackup", this::restore)
                .on("getBackupSettings", call -> call.ok(SettingsView.of(backups().settings())))
                .on("updateBackupSettings", this::updateSettings);
    }

    /** The body of {@code createBackup}. */
    record CreateRequest(Boolean volumes, String name) {
    }

    private void create(Call call) throws Exception {
        CreateRequest body = call.body(CreateRequest.class);
        BackupOptions.Builder options = BackupOptions.builder().volumes(Boolean.TRUE.equals(body.volumes()));
        if (body.name() != null) {
            if (!FILE_NAME.matcher(body.name()).matches()) {
                throw new InvalidValueException("name", body.name(),
                        "must be a file name ending in .zip (letters, digits, '_.+-'), without a directory");
            }
            Path target = backups().settings().directory().resolve(body.name());
            if (list().stream().anyMatch(info -> info.file().getFileName().toString().equals(body.name()))) {
                throw new io.orbitr.ConflictException("a backup named " + body.name() + " exists already");
            }
            options.target(target);
        }
        call.context().attribute(ApiRouter.OBJECT, body.name() == null ? "new backup" : body.name());
        Job job = jobs.start("backup", body.name() == null ? "new backup" : body.name(), call.actor(), progress -> {
            BackupInfo made = backups().create(options.listener(listener(progress)).build());
            return "wrote " + made.file().getFileName() + " (" + made.size() + " bytes, " + made.parts() + " parts)";
        });
        call.json(202, job);
    }

    private void download(Call call) throws Exception {
        BackupInfo info = find(call.path("name"));
        String name = info.file().getFileName().toString();
        call.context().status(200).contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Length", Long.toString(Files.size(info.file())));
        try (InputStream in = Files.newInputStream(info.file())) {
            OutputStream out = call.context().outputStream();
            in.transferTo(out);
        }
    }

    /** The body of {@code restoreBackup}. */
    record RestoreRequest(String dataDirectory, Boolean force, Boolean volumes) {
    }

    private void restore(Call call) throws Exception {
        RestoreRequest body = call.body(RestoreRequest.class);
        if (body.dataDirectory() == null || body.dataDirectory().isBlank()) {
            throw new InvalidValueException("dataDirectory", String.valueOf(body.dataDirectory()),
                    "is required: an absolute path to restore into (not this server's own data directory)");
        }
        Path target;
        try {
            target = Path.of(body.dataDirectory());
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidValueException("dataDirectory", body.dataDirectory(), "is not a path");
        }
        if (!target.isAbsolute() || body.dataDirectory().chars().anyMatch(c -> c < ' ')) {
            throw new InvalidValueException("dataDirectory", body.dataDirectory(), "must be an absolute path");
        }
        Path normal = target.normalize();
        if (normal.equals(orbitr.dataDirectory().toAbsolutePath().normalize())) {
            throw new InvalidValueException("dataDirectory", body.dataDirectory(), "is this server's own data"
                    + " directory; restore into another one and start a server on it");
        }
        BackupInfo info = find(call.path("name"));
        Job job = jobs.start("backup-restore", info.file().getFileName() + " -> " + normal, call.actor(), progress -> {
            RestoreResult result = backups().restore(RestoreOptions.builder(info.file(), normal)
                    .force(Boolean.TRUE.equals(body.force())).volumes(!Boolean.FALSE.equals(body.volumes()))
                    .listener(listener(progress)).build());
            return "restored " + result.files() + " files" + (result.volumes().isEmpty() ? ""
                    : " and volumes " + result.volumes()) + " into " + result.dataDirectory()
                    + result.movedAside().map(p -> "; earlier contents moved to " + p).orElse("");
        });
        call.json(202, job);
    }

    /** The body of {@code updateBackupSettings}: absent fields keep their value. */
    record SettingsUpdate(Long scheduleMinutes, Integer keep, String directory, Boolean volumes, String helperImage) {
    }

    private void updateSettings(Call call) throws Exception {
        SettingsUpdate body = call.body(SettingsUpdate.class);
        BackupSettings.Builder settings = backups().settings().toBuilder();
        if (body.scheduleMinutes() != null) {
            if (body.scheduleMinutes() == 0) {
                settings.noSchedule();
            } else if (body.scheduleMinutes() < 0) {
                throw new InvalidValueException("scheduleMinutes", body.scheduleMinutes(), "must be 0 (never) or more");
            } else {
                settings.schedule(Duration.ofMinutes(body.scheduleMinutes()));
            }
        }
        if (body.keep() != null) {
            settings.keep(body.keep());
        }
        if (body.directory() != null) {
            settings.directory(Path.of(body.directory()));
        }
        if (body.volumes() != null) {
            settings.volumes(body.volumes());
        }
        if (body.helperImage() != null) {
            settings.helperImage(body.helperImage());
        }
        BackupSettings saved = settings.build();
        backups().updateSettings(saved);
        call.ok(SettingsView.of(saved));
    }

    private static BackupListener listener(Jobs.Progress progress) {
        return (BackupProgress p) -> progress.report(p.phase().name().toLowerCase(java.util.Locale.ROOT)
                + (p.part().isEmpty() ? "" : " " + p.part()) + " (" + p.partsDone()
                + (p.partCount() >= 0 ? "/" + p.partCount() : "") + " parts, " + p.bytesDone() + " bytes)");
    }

    private List<BackupInfo> list() {
        List<BackupInfo> all = new java.util.ArrayList<>();
        int offset = 0;
        while (true) {
            Page<BackupInfo> page = backups().list(PageRequest.atOffset(offset, SCAN_PAGE));
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            offset += page.items().size();
        }
    }

    private BackupInfo find(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            throw new NotFoundException("backup", name);
        }
        return list().stream().filter(info -> info.file().getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("backup", name));
    }

    /** An archive as the API shows it: by file name, never by path. */
    record BackupView(String name, Instant createdAt, long size, String orbitrVersion, int parts,
            List<String> volumes) {
        static BackupView of(BackupInfo info) {
            return new BackupView(info.file().getFileName().toString(), info.createdAt(), info.size(),
                    info.orbitrVersion(), info.parts(), info.volumes());
        }
    }

    /** What a verification found. */
    record VerifyView(String name, boolean valid, String message, Optional<String> orbitrVersion,
            Optional<Instant> createdAt, int parts, int volumes) {
    }

    /** The backup settings as the API shows them. */
    record SettingsView(long scheduleMinutes, int keep, String directory, boolean volumes, String helperImage) {
        static SettingsView of(BackupSettings s) {
            return new SettingsView(s.schedule().map(Duration::toMinutes).orElse(0L), s.keep(),
                    s.directory().toString(), s.volumes(), s.helperImage());
        }
    }
}
