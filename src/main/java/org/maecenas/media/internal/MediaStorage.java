package org.maecenas.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.core.io.Resource;

/** Where file bytes live. The default keeps them on local disk; an S3-like store can replace it. */
public interface MediaStorage {

    /** Moves a checked temporary file into the store under {@code key}; an existing key is kept. */
    void put(String key, Path checkedFile) throws IOException;

    Resource get(String key);
}
