"""kg: knowledge graphs of resumes and job postings.

documents → mentions → entities → RDF quads → store → queries / traversals / exports
"""

__version__ = "0.1.0"
