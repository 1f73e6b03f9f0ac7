Echoes standard input to standard output until end of input
,[.,]
