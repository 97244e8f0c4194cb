package dev.unkd.model;

/** A model whose final embeddings come from propagating layer-0 embeddings over a graph. */
public interface LayeredModel extends TrainableModel {
    int layers();
}
