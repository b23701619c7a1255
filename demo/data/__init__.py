"""The demo's tables: plain values only, no queries. The code that turns them into records is one level up."""
