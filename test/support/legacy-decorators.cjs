// Marks the run as compiled with experimentalDecorators, for suites whose expectations differ.
process.env.DECORATORS = 'legacy';
