// An installed adapter whose own dependency is missing: loading it must classify as `load-failed`.
import 'coinslot-fixture-missing-dependency';

export default { specVersion: 1, id: 'broken', resultSource: 'server' };
