"""Named SPARQL queries (.rq), shipped inside the package as kg.data.queries."""
