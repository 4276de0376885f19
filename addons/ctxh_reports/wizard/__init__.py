# report wizard
