package org.maecenas.media.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/** Files under a directory, fanned out by the first characters of the key. */
class LocalMediaStorage implements MediaStorage {

    private final Path root;

    LocalMediaStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    @Override
    public void put(String key, Path checkedFile) throws IOException {
        Path target = path(key);
        if (Files.exists(target)) {
            Files.deleteIfExists(checkedFile);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(checkedFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(checkedFile);
        } catch (IOException notAtomic) {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(checkedFile, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(checkedFile);
        }
    }

    @Override
    public Resource get(String key) {
        return new FileSystemResource(path(key));
    }

    private Path path(String key) {
        if (!key.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a storage key");
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
