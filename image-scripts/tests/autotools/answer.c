/* The library half of the autotools check. */
int fleet_answer(void) {
    return 6 * 7;
}
