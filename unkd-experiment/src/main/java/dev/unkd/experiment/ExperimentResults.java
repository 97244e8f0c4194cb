package dev.unkd.experiment;

import java.util.List;

/**
 * Everything an experiment produced, for the writers.
 *
 * @param teachersTrained teachers trained in this invocation (0 when all came from the cache)
 * @param runsTrained student runs trained in this invocation
 * @param runsReused student runs whose stored results were used
 */
public record ExperimentResults(ExperimentConfig config, List<DatasetFacts> datasets, List<BackboneResults> tables,
        List<RunFailure> failures, List<String> warnings, double seconds, int teachersTrained, int runsTrained, int runsReused) {

    DatasetFacts facts(String dataset) {
        return datasets.stream().filter(d -> d.name().equals(dataset)).findFirst().orElseThrow();
    }
}
