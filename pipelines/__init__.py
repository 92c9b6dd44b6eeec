"""Item pipelines, one concern per module: boilerplate, meeting fields, validation, storage."""
