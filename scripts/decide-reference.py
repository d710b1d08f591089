# SPDX-License-Identifier: MIT
# Run Decide's Equal-Gain exchange model (foarsitter/decide-exchange-model,
# decide/model/equalgain.py and decide/model/utils.py ModelLoop, unchanged) on a
# Decide CSV without its CLI, GUI and database dependencies, and print O per
# issue after the last round (on Decide's 0-100 scale, then de-normalised).
# Used for the test vectors in tests/unit/test_exchange.c:
#   python3 scripts/decide-reference.py DECIDE_CHECKOUT FILE PYTHON_SEED ROUNDS
# DECIDE_CHECKOUT is a directory holding Decide's `decide` package. Decide
# breaks ties with Python's random module, seeded here with PYTHON_SEED.
# Driver: runs Decide's EqualGainModel (ModelLoop) on a Decide CSV without its CLI/GUI deps.
import sys, types, random, csv
from decimal import Decimal
sys.modules['typesystem'] = types.ModuleType('typesystem')
tf = types.ModuleType('typesystem.fields'); tf.Decimal = Decimal
sys.modules['typesystem.fields'] = tf
sys.path.insert(0, sys.argv[1])
db = types.ModuleType('decide.data.database')
class _A: pass
db.Actor = _A
import decide.data
sys.modules['decide.data.database'] = db
from decide.model import equalgain
from decide.model.utils import ModelLoop

class Quiet:
    def __getattr__(self, name):
        return lambda *a, **k: None

def load(path, model):
    rows = list(csv.reader(open(path, encoding='utf-8'), delimiter='\t', quotechar="'"))
    if all(len(r) <= 1 for r in rows if r):
        rows = list(csv.reader(open(path, encoding='utf-8'), delimiter=';', quotechar="'"))
    bounds = {}
    for r in rows:
        if not r: continue
        t = r[0].strip()
        if t == '#A': model.add_actor(actor_name=r[2] if len(r) > 2 else r[1], actor_id=r[1])
        elif t == '#P': bounds[r[1]] = [None, None]
        elif t == '#M':
            v = Decimal(r[2]); b = bounds[r[1]]
            if b[0] is None: b[0] = v
            if b[1] is None or v > b[1]: b[1] = v
    for name, b in bounds.items():
        i = model.add_issue(name)
        i.lower = b[0] if b[0] is not None else 0
        i.upper = b[1] if b[1] is not None else 100
        i.calculate_delta(); i.calculate_step_size()
    for r in rows:
        if r and r[0].strip() == '#D':
            model.add_actor_issue(r[1], r[2], Decimal(r[3]), Decimal(r[4]), Decimal(r[5]))

path, seed, rounds = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
# O after the last round is Decide's own: calc_nbs on the voting positions, before the drift
random.seed(seed)
m = equalgain.EqualGainModel(randomized_value=None)
load(path, m)
import time; t0=time.time()
loop = ModelLoop(m, Quiet(), 0)
for _ in range(rounds):
    loop.loop()

print("ties", m.tie_count, "secs", round(time.time()-t0,1), file=sys.stderr)
for issue in m.issues:
    print(f"{issue.name}\t{float(m.nbs[issue]):.6f}\t{float(issue.de_normalize(m.nbs[issue])):.6f}")
