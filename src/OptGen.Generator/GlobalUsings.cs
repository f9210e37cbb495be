// The namespaces nearly every file of the generator uses, once for all of them.
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading;
