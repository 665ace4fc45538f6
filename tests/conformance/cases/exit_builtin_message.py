# exit("message"): SystemExit with a string prints it on stderr and the status is 1.
print("start")
exit("bye: something went wrong")
print("never printed")
