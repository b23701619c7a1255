"""Demo data: the two real cases from the news, surrounded by sample data so the lists look like real use.

The real cases are the PKS between Rutan Kelas IIB Blora and Kantor Kementerian Agama Kabupaten Blora (signed
30 December 2024) and the virtual signing of Ditjenpas with nine strategic partners (1 July 2025). Only what the
sources state is written as fact; every invented name, number or date carries the marker "(contoh)" in the text
where it appears, so nobody mistakes sample data for a real record.

This app is the top floor: it may use every other app, and none of them uses it. `demo.data` holds the tables,
the other modules the code that turns them into records; `demo.loader.load()` runs it all, once.
"""
