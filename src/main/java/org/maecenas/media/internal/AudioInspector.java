package org.maecenas.media.internal;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.maecenas.media.MediaRejected;

/** Reads an audio file's header: it must parse, and it tells the duration podcast apps show. */
final class AudioInspector {

    static {
        // the library reports every oddity of every file at INFO
        Logger.getLogger("org.jaudiotagger").setLevel(Level.WARNING);
    }

    private AudioInspector() {}

    /** The duration in whole seconds (at least 1). The file's name must end in its type's extension. */
    static int durationSeconds(Path file) {
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            int seconds = audio.getAudioHeader().getTrackLength();
            if (seconds <= 0) {
                throw unreadable();
            }
            return seconds;
        } catch (MediaRejected rejected) {
            throw rejected;
        } catch (Exception | LinkageError e) {
            throw unreadable();
        }
    }

    private static MediaRejected unreadable() {
        return new MediaRejected("corrupt-audio", "This audio file could not be read. Use an MP3, M4A or Ogg file.");
    }
}
