/* test_template.c — being written; exits 77 (skip) until then. */
int main(void) { return 77; }
