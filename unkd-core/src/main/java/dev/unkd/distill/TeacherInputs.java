package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.teacher.SparseScorer;
import dev.unkd.teacher.Teacher;

/**
 * What distillers take from a teacher, checked against the data: its scores (for RCE-KD of every
 * pair), and for DE and HTD its embeddings.
 */
final class TeacherInputs {
    private TeacherInputs() {
    }

    /** The teacher's scorer, which must cover the data's users and items. */
    static Scorer scorer(Teacher teacher, Dataset data) {
        Scorer scorer = teacher.scorer();
        if (scorer.numUsers() != data.numUsers() || scorer.numItems() != data.numItems()) {
            throw new IllegalArgumentException("teacher (" + teacher.source() + ") has " + scorer.numUsers() + " users x "
                    + scorer.numItems() + " items, data has " + data.numUsers() + " x " + data.numItems());
        }
        return scorer;
    }

    /** The teacher's embeddings, which DE and HTD reconstruct; a score-only teacher is refused. */
    static Embeddings embeddings(String method, Teacher teacher, Dataset data) {
        Embeddings e = teacher.embeddings().orElseThrow(() -> new IllegalArgumentException(method
                + " needs the teacher's user and item embeddings (it distils the teacher's representation space), but the teacher ("
                + teacher.source() + ") has scores only; give a model file (--teacher) or embedding matrices (--teacher-embeddings)"));
        if (e.users().rows() != data.numUsers() || e.items().rows() != data.numItems()) {
            throw new IllegalArgumentException("teacher embeddings (" + teacher.source() + ") are " + e.users().rows() + " users x "
                    + e.items().rows() + " items, data has " + data.numUsers() + " x " + data.numItems());
        }
        return e;
    }

    /**
     * The teacher's scorer, which must score every pair: for methods that need the teacher's score
     * of whatever items the student ranks high (RCE-KD), which a score file listing some pairs
     * (typically each user's top items) cannot give; unlisted pairs would read as the worst score.
     */
    static Scorer everyScore(String method, Teacher teacher, Dataset data) {
        Scorer scorer = scorer(teacher, data);
        long pairs = (long) data.numUsers() * data.numItems();
        if (scorer instanceof SparseScorer listed && listed.size() < pairs) {
            throw new IllegalArgumentException(method + " needs the teacher's score of every user-item pair (its cross-entropy runs over"
                    + " the student's top items, whatever they are), but the teacher (" + teacher.source() + ") scores " + listed.size()
                    + " of " + pairs + " pairs; give a model file (--teacher) or embedding matrices (--teacher-embeddings)");
        }
        return scorer;
    }
}
