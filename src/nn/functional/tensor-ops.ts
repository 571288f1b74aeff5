// The op families nn.functional composes with, imported for their Tensor methods (installed on import), so
// that nn.functional works whichever entry point loaded it.
import '../../ops/elementwise';
import '../../ops/reduce';
import '../../ops/matmul';
import '../../ops/indexing';
