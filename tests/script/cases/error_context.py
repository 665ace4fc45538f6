class Resource:
    def close(self):
        raise OSError("close failed")
def work():
    r = Resource()
    try:
        raise KeyError("work failed")
    finally:
        r.close()
work()
