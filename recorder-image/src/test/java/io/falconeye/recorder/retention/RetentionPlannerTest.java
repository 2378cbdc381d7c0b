package io.falconeye.recorder.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.recorder.config.RetentionSettings;
import io.falconeye.recorder.segments.StoredFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static StoredFile file(String camera, String name, long size, Instant start) {
        return new StoredFile(camera, Path.of("/rec", camera, name), size, start.plusSeconds(300), start);
    }

    private static RetentionSettings limits(int days, long bytes) {
        return new RetentionSettings(Duration.ofDays(days), bytes, 0, Duration.ofMinutes(1));
    }

    @Test
    void nothingToDoWithinLimitsOrWithoutLimits() {
        List<StoredFile> files = List.of(file("c", "a", 10, NOW.minusSeconds(900)), file("c", "b", 10, NOW.minusSeconds(600)));
        assertThat(RetentionPlanner.perCamera(files, Set.of(), NOW, limits(0, 0))).isEmpty();
        assertThat(RetentionPlanner.perCamera(files, Set.of(), NOW, limits(1, 20))).isEmpty();
    }

    @Test
    void ageThenBytesOldestFirstNeverTheFileInUse() {
        StoredFile old = file("c", "old", 50, NOW.minus(Duration.ofDays(9)));
        StoredFile mid = file("c", "mid", 50, NOW.minus(Duration.ofDays(2)));
        StoredFile recent = file("c", "recent", 50, NOW.minus(Duration.ofHours(2)));
        StoredFile writing = file("c", "writing", 50, NOW.minusSeconds(60));
        List<Deletion> plan = RetentionPlanner.perCamera(List.of(writing, recent, old, mid),
                Set.of(writing.path()), NOW, limits(7, 100));
        assertThat(plan).extracting(d -> d.file().fileName() + ":" + d.reason())
                .containsExactly("old:max_age", "mid:max_bytes");
    }

    @Test
    void inUseFileIsKeptEvenWhenAloneOverTheLimit() {
        StoredFile writing = file("c", "writing", 500, NOW.minusSeconds(60));
        assertThat(RetentionPlanner.perCamera(List.of(writing), Set.of(writing.path()), NOW, limits(0, 100))).isEmpty();
    }

    @Test
    void freeSpaceGuardFreesJustEnoughOldestFirstAcrossCameras() {
        StoredFile a1 = file("a", "a1", 100, NOW.minusSeconds(5000));
        StoredFile b1 = file("b", "b1", 100, NOW.minusSeconds(4000));
        StoredFile a2 = file("a", "a2", 100, NOW.minusSeconds(3000));
        StoredFile b2 = file("b", "b2", 100, NOW.minusSeconds(2000));
        StoredFile a3 = file("a", "a3", 100, NOW.minusSeconds(1000));
        List<StoredFile> all = List.of(a3, b2, a2, b1, a1);
        assertThat(RetentionPlanner.freeSpace(all, Set.of(), 1000, 1000)).isEmpty();
        assertThat(RetentionPlanner.freeSpace(all, Set.of(), 850, 1000)).extracting(d -> d.file().fileName())
                .containsExactly("a1", "b1");
        // everything would not be enough: the newest file of each camera stays
        assertThat(RetentionPlanner.freeSpace(all, Set.of(), 0, 10_000)).extracting(d -> d.file().fileName())
                .containsExactly("a1", "b1", "a2");
        assertThat(RetentionPlanner.freeSpace(all, Set.of(a1.path()), 850, 1000)).extracting(d -> d.file().fileName())
                .containsExactly("b1", "a2");
    }
}
