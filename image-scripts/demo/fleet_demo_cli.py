"""The demo's console script (fleet-demo): prints what the C extension answers."""
import fleet_demo


def main():
    print(fleet_demo.answer())
