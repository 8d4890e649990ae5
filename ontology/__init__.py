"""The ontology, shapes and taxonomy (Turtle), shipped inside the package as kg.data.ontology."""
